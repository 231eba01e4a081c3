"""The official tables as an Excel workbook (the ``xlsx`` extra, openpyxl).

Where every value of a report stands in the workbook (:mod:`.plan`), how one value is written
into a cell and read back (:mod:`.cells`), reading a sheet without making cells
(:mod:`.sheets`), writing a report or an empty template (:mod:`.write`) and a dataset as a
workbook (:mod:`.dataset`). Reading a workbook back into a report is the importer's
(:mod:`govdisclosure._extract.workbook`).
"""
