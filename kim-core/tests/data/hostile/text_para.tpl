Kegiatan posyandu Desa Perian nomor {n} dilaksanakan Sabtu pukul 08.00 di balai desa. Warga diminta membawa KMS.
Promo UMKM keripik pisang, pesan lewat WA 0812-3456-{n} atau email umkm{n}@example.com. slot gacor maxwin deposit pulsa!
