print("xchange")
