"""The official layout shared by every output: the outline of headings and the grids of tables
二, 三 and 四 (:mod:`.grid`), read by the page, the Markdown, the workbook and the importer.
"""
