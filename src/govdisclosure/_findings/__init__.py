"""Findings: what is wrong with a document, as data.

The registry of finding codes with their severities and message templates (:mod:`.codes`),
the :class:`Finding` record and the error that carries findings (:mod:`.finding`), and what is
reported for one named input (:mod:`.item`). Sentences are made from findings last.
"""
