global using Xunit;
global using HdrHistogram;
