kim_id,id,name
K1,m{n},Anggota {n}
