"""The generated functions of both editions, one module each, written by
``scripts/generate.py`` (see :mod:`govdisclosure._codegen`). They are never imported as
modules: the emitter runs their code in the namespace it generates them for, when the source
it makes now is the one here."""
