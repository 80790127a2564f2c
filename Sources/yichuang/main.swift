print("yichuang")
