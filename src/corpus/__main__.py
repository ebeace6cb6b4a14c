"""``python -m corpus``: the ``corpus`` command."""

from corpus.cli import main

raise SystemExit(main())
