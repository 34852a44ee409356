"""One module per resource (extract, lint, render, health, page); deps, pool and work serve them."""
