"""Validation of one document: every problem at once, stage by stage (:mod:`.validate`)."""
