"""Many reports: read from files in any form, validated in batches, tabulated, totalled and compared.

Reading many files (:mod:`.read`), validating them in order over processes (:mod:`.batch`),
the dataset of one row per report (:mod:`.dataset`), the total of many reports
(:mod:`.aggregate`) and this year against last year (:mod:`.compare`).
"""
