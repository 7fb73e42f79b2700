"""The corpus: source articles with their metadata (:mod:`.articles`) and the rule-based
segmentation of news copy into paragraphs and sentences (:mod:`.segmentation`)."""
