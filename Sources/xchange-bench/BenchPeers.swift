/// The peer programs the jobs compare with. Each is used only when installed; a missing one is
/// printed as missing.
enum BenchPeers {
    /// `python3 -c SCRIPT INPUT OUTPUT`.
    private static func python(_ id: String, _ title: String, module: String = "json", _ script: String) -> BenchPeer {
        BenchPeer(
            id: id, title: title, command: { ["python3", "-c", script, $0, $1] }, requirement: .pythonModule(module))
    }

    static var jsonParse: BenchPeer {
        python(
            "python-json-parse", "Python json.loads per line (parse only)",
            """
            import json,sys
            for line in open(sys.argv[1],'rb'): json.loads(line)
            """)
    }

    static var orjsonParse: BenchPeer {
        python(
            "orjson-parse", "orjson.loads per line (parse only)", module: "orjson",
            """
            import orjson,sys
            for line in open(sys.argv[1],'rb'): orjson.loads(line)
            """)
    }

    static var orjsonLines: BenchPeer {
        python(
            "orjson-jsonl", "orjson loads + dumps per line", module: "orjson",
            """
            import orjson,sys
            with open(sys.argv[2],'wb') as out:
                for line in open(sys.argv[1],'rb'): out.write(orjson.dumps(orjson.loads(line))+b'\\n')
            """)
    }

    static var orjsonWhole: BenchPeer {
        python(
            "orjson-array-parse", "orjson.loads of the whole array (parse only)", module: "orjson",
            """
            import orjson,sys
            orjson.loads(open(sys.argv[1],'rb').read())
            """)
    }

    /// Flattens each report to dotted keys; the columns are those of the first report.
    static var jsonToCSV: BenchPeer {
        python(
            "python-json-csv", "Python json.loads + csv.DictWriter",
            """
            import csv,json,sys
            def flat(value,prefix,row):
                if isinstance(value,dict):
                    for k,v in value.items(): flat(v,prefix+k+'.',row)
                elif isinstance(value,list): row[prefix[:-1]]=json.dumps(value,ensure_ascii=False)
                else: row[prefix[:-1]]=value
                return row
            with open(sys.argv[2],'w',newline='',encoding='utf-8') as out:
                writer=None
                for line in open(sys.argv[1],'rb'):
                    row=flat(json.loads(line),'',{})
                    if writer is None:
                        writer=csv.DictWriter(out,fieldnames=list(row),extrasaction='ignore'); writer.writeheader()
                    writer.writerow(row)
            """)
    }

    static var csvToJSON: BenchPeer {
        python(
            "python-csv-json", "Python csv.DictReader + json.dumps",
            """
            import csv,json,sys
            with open(sys.argv[1],newline='',encoding='utf-8-sig') as f, open(sys.argv[2],'w',encoding='utf-8') as out:
                for row in csv.DictReader(f): out.write(json.dumps(row,ensure_ascii=False)+'\\n')
            """)
    }

    static var duckDBJSONToCSV: BenchPeer {
        python(
            "duckdb-json-csv", "DuckDB read_json → COPY TO csv", module: "duckdb",
            """
            import duckdb,sys
            duckdb.sql(f"COPY (SELECT * FROM read_json('{sys.argv[1]}', format='newline_delimited')) TO '{sys.argv[2]}' (FORMAT csv)")
            """)
    }

    static var duckDBCSVToJSON: BenchPeer {
        python(
            "duckdb-csv-json", "DuckDB read_csv → COPY TO json (flat keys)", module: "duckdb",
            """
            import duckdb,sys
            duckdb.sql(f"COPY (SELECT * FROM read_csv('{sys.argv[1]}', all_varchar=true)) TO '{sys.argv[2]}' (FORMAT json)")
            """)
    }

    static var pyYAML: BenchPeer {
        python(
            "pyyaml-csafe", "PyYAML CSafeLoader + json.dumps", module: "yaml",
            """
            import json,sys,yaml
            with open(sys.argv[1],'rb') as f, open(sys.argv[2],'w',encoding='utf-8') as out:
                for doc in yaml.load_all(f,Loader=yaml.CSafeLoader): out.write(json.dumps(doc,ensure_ascii=False,default=str)+'\\n')
            """)
    }

    static var miller: BenchPeer {
        BenchPeer(
            id: "miller", title: "Miller mlr --icsv --ojsonl cat",
            command: { input, _ in ["mlr", "--icsv", "--ojsonl", "cat", input] },
            requirement: .program("mlr"))
    }
}
