package errs

import (
	"gorm.io/gorm"
)

type Tag struct {
	ID   int
	Name string
}

// GORM sets a query's Error to ErrRecordNotFound as it is, so == is exact on the Error of a chain.
func tagByName(db *gorm.DB, name string) (*Tag, error) {
	var tag Tag
	err := db.Where("name = ?", name).First(&tag).Error
	if err != nil && err != gorm.ErrRecordNotFound {
		return nil, err
	}
	return &tag, nil
}

// The same through an if-else, the value taken from whichever branch ran.
func tags(db *gorm.DB, limit int) ([]Tag, error) {
	var found []Tag
	var err error
	if limit > 0 {
		err = db.Limit(limit).Find(&found).Error
	} else {
		err = db.Find(&found).Error
	}
	if err == gorm.ErrRecordNotFound {
		return nil, nil
	}
	return found, err
}
