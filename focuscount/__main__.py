"""``python -m focuscount``."""

from focuscount.cli import main

if __name__ == "__main__":
    main()
