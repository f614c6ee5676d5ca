"""French NLP: spaCy lemmas and parts of speech, cached in the project store."""
