global using Xunit;
global using HdrHistogram;
global using LoadHarness.Testing;
