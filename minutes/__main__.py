"""`python -m minutes` and the `minutes` command: start-up first (minutes/startup.py), then the CLI."""
import sys

from .startup import begin

begin()

from .cli import main  # noqa: E402  (after begin(): the imports are what start-up speeds up)

if __name__ == "__main__":
    sys.exit(main())
