"""Export stage: the stored graph in files other tools read."""
