"""The model: the typed classes of both editions of the template and what is known about them.

Field metadata (:mod:`.meta`), the classes (:mod:`.classes`, :mod:`.table2`), the registry
of editions (:mod:`.editions`), the small typed description of the classes that every emitter
reads (:mod:`.describe`), JSON Pointers (:mod:`.pointers`), the names of cells as a reader
says them (:mod:`.cells`), exact money (:mod:`.money`) and the table identities read from the
total fields' metadata (:mod:`.identities`). Everything above reads the model; the model reads
only the ground.
"""
