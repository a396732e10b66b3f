let app = Application(name: "demo")
app.run()
