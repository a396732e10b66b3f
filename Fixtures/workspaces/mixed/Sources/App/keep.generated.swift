struct KeptGenerated {}
