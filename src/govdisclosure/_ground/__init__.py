"""The ground floor: what every layer above may read and nothing here reads back.

The bounds on input (:mod:`.limits`), the thresholds of every check and of the importer's
stages (:mod:`.settings`), the package's one ``==``/``repr`` for its classes (:mod:`.values`),
optional extras (:mod:`.extras`), registries of formats read from a folder (:mod:`.registry`)
and the emitter of generated code (:mod:`.codegen`). No module here imports the model.
"""
