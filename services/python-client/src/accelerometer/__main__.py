"""``python -m accelerometer``: the command line."""
from accelerometer.cli import main

raise SystemExit(main())
