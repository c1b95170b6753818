module example.com/ancient

go 1.12
