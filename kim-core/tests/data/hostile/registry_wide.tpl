id,name,seat,a,b
c,d,e,f,g,h,i,j
