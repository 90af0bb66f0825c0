"""Pure rules of performance agreements: canonical content and hash, standard texts, workflow, item checks."""
