"""The importer: a published report in the form it was published in, read into a report.

A chain of stages, each a function of the last one's output: the bytes are told apart by
form (:mod:`.forms`); a form's reader turns them into lines and table rows (:mod:`.text`,
:mod:`.html`, :mod:`.mhtml`, :mod:`.pdf`, :mod:`.docx`, :mod:`.workbook`); the lines are cut
into sections and tables (:mod:`.sections`, :mod:`.glued`, :mod:`.rows`, :mod:`.cells`);
the tables become the model's rows (:mod:`.tables`) and the report is assembled
(:mod:`.builder`) and finished with its findings (:mod:`.finish`). :mod:`.pipeline` runs the
chain; :mod:`.result` is what it returns.
"""
