"""Dated statute data: the statute book (``book``), its schema, which version applies (``lookup``), and the General
Part's rules read from the data (``general``)."""
