struct ShouldNotBeIndexed {}
