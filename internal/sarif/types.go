package sarif

// The SARIF 2.1.0 objects the converter writes: only the properties it
// sets, named as the schema names them.

type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool               tool                        `json:"tool"`
	Invocations        []invocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]artifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []result                    `json:"results"`
}

type tool struct {
	Driver driver `json:"driver"`
}

type driver struct {
	Name           string `json:"name"`
	InformationURI string `json:"informationUri"`
	Version        string `json:"version"`
	Rules          []rule `json:"rules"`
}

// rule is a reportingDescriptor.
type rule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     message       `json:"shortDescription"`
	FullDescription      message       `json:"fullDescription"`
	Help                 message       `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration configuration `json:"defaultConfiguration"`
}

// configuration is a reportingConfiguration.
type configuration struct {
	Level string `json:"level"`
	// Enabled is false for a rule that is off unless switched on
	// (analyzer.DefaultOff); SARIF's default is true.
	Enabled *bool `json:"enabled,omitempty"`
}

// message is a message or a multiformatMessageString: both have text
// and markdown.
type message struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []notification `json:"toolExecutionNotifications,omitempty"`
}

type notification struct {
	Level   string  `json:"level"`
	Message message `json:"message"`
}

type result struct {
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          message    `json:"message"`
	Locations        []location `json:"locations"`
	RelatedLocations []location `json:"relatedLocations,omitempty"`
	CodeFlows        []codeFlow `json:"codeFlows,omitempty"`
	Fixes            []fix      `json:"fixes,omitempty"`
}

type location struct {
	ID               int               `json:"id,omitempty"` // 1-based among relatedLocations
	PhysicalLocation *physicalLocation `json:"physicalLocation,omitempty"`
	Message          *message          `json:"message,omitempty"`
}

type physicalLocation struct {
	ArtifactLocation artifactLocation `json:"artifactLocation"`
	Region           *region          `json:"region,omitempty"`
}

type artifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// region: lines and columns are 1-based, columns in UTF-16 code units
// and the end column exclusive; byteOffset is 0-based.
type region struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type codeFlow struct {
	Message     *message     `json:"message,omitempty"`
	ThreadFlows []threadFlow `json:"threadFlows"`
}

type threadFlow struct {
	Locations []threadFlowLocation `json:"locations"`
}

type threadFlowLocation struct {
	Location location `json:"location"`
}

type fix struct {
	Description     *message         `json:"description,omitempty"`
	ArtifactChanges []artifactChange `json:"artifactChanges"`
}

type artifactChange struct {
	ArtifactLocation artifactLocation `json:"artifactLocation"`
	Replacements     []replacement    `json:"replacements"`
}

type replacement struct {
	DeletedRegion   region           `json:"deletedRegion"`
	InsertedContent *artifactContent `json:"insertedContent,omitempty"` // absent: a deletion
}

type artifactContent struct {
	Text string `json:"text"`
}
