def kept_locally(): pass
