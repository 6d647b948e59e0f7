Console.WriteLine("bench/import: see README.md");
