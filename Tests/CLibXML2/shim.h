// libxml2 for the tests only: the XML parser and the XSD validator the JUnit report is checked
// against (Tests/OptimlabGraderTests/Fixtures/Schemas/junit-10.xsd). No product links it.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
