"""The content rules: the rule table as data, the engine that runs it, and the narrative checks.

The table of rules (:mod:`.table`), the engine that expands each rule against an edition and
runs all of them in one generated function (:mod:`.engine`), and what the narrative states,
read for the checks that compare it with the tables (:mod:`.narrative`, :mod:`.quantities`).
"""
