// `swift run -c release xchange-bench --help`
XchangeBench.main()
