"""The generated documentation: the committed JSON Schemas and the reference pages of the docs,
produced from the model, the rule table, the codes, the limits and the command line.
"""
