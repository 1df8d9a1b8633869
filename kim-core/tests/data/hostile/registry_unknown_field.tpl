{"schema_version": 1, "kims": [{"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001"}], "padding": "
unknown field padding, refused without being read; 
"}
