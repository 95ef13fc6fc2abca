"""``python -m bot`` is the ``tally`` command."""

from bot.cli import main

raise SystemExit(main())
