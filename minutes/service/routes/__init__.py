"""One module per resource (extract, lint, render, deadline, health, page); deps, pool and work serve them."""
