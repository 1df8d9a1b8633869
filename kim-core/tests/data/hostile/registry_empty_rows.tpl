id,name,seat
,,
