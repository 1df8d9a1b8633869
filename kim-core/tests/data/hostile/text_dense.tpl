slot gacor judi togel maxwin NIK 6402014101900001 hp 0812-3456-7890 bangsat anjing {n}
Viral sebelum dihapus! sebarkan! slot gacor deposit pulsa, email warga{n}@example.com, babi, kafir, bunuh {n}
