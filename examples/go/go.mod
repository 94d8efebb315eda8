module example.com/gongkai

go 1.19
