def dropped(): pass
