jangan menyebut teman "goblok" atau "tolol" itu perundungan.
Guru melarang murid memanggil "bodoh" dan "bego" di kelas, itu dosa.
