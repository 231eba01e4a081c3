"""The ``govdisclosure`` command line: one module per command, each a thin wrapper over one
library function, and what they share (:mod:`.common`). :mod:`.main` assembles them.
"""
