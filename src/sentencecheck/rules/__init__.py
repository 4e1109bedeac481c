"""Rules as data: the vocabulary of derived facts, the rule files' model and loader, the conditions' meaning and
their encoding for the engines."""
