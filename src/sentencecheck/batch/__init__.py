"""Batch audits: many cases in (JSON Lines, JSON, YAML/JSON folders, CSV, XLSX), tables and a summary out."""
