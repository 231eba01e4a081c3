"""JSON in and out: strict text, the fast and general readers, canonical writers and the schema.

Strict JSON text (:mod:`.jsontext`), the leaf checks shared by every reader (:mod:`.leaves`),
the generated fast reader (:mod:`.reader`) and writer (:mod:`.writer`), the ``fast`` extra's
path (:mod:`.native`), the JSON Schema (:mod:`.schema`) and its use as the structural judge
(:mod:`.judge`), the conversion between JSON-shaped data and the model (:mod:`.convert`) and
reading and writing whole documents (:mod:`.io`).
"""
