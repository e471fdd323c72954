"""Translation workflow tools: source hashes and status, stamping, PO export and import.

Translation files stay plain YAML for hand editing; the only tool-maintained part is the ``_source``
mapping at the end of each file (see ``status``), rewritten with ruamel.yaml so comments and order survive.
"""
