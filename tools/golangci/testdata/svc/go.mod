module example.com/svc

go 1.26.0
