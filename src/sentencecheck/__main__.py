"""``python -m sentencecheck``: the same as the ``sentencecheck`` command."""

from sentencecheck.cli import main

main()
