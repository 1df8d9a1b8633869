id,name,seat,sk_number,sk_date,sk_issuer,status,status_date
K{n},KIM Perian Mandiri {n},64.02.01.2001,141/{n}/SK-KIM/2017,20/12/2017,kepala_desa,active,2018-03-29
