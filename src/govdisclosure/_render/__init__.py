"""Outputs a person reads: the official layout in each format, review and comparison pages, and
the reporters of findings.

:mod:`.render` is ``render()`` and ``template()``; :mod:`.formats` holds one module per output
format and :mod:`.reporters` one per reporter format, both chosen by name; :mod:`.review` and
:mod:`.comparison` are the pages a reviewer reads.
"""
